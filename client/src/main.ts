import './styles.css';
import { startExplorer } from './app';

startExplorer();
